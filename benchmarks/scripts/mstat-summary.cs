// What a NativeAOT binary carries: sums ILC's .mstat file (publish with -p:IlcGenerateMstatFile=true; it is
// written to obj/<config>/<tfm>/<rid>/native/) by assembly, namespace, type or generic instantiation.
// "owner" charges a generic instantiation to the assembly of its type arguments when that is not the
// framework's (so JsonTypeInfo<ContainerInspectResponse> counts for Docker.DotNet, not System.Text.Json).
// Usage (benchmarks/README.md): dotnet run benchmarks/scripts/mstat-summary.cs -- FILE.mstat [assembly|owner|namespace|type|instantiation] [top, -1 = all]
// Columns: compiled code with its GC and EH info; type structures (MethodTables; NativeAOT rehydrates these
// at start); then the other blobs (dehydrated data, reflection metadata, frozen objects, dictionaries).
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

var path = args[0];
var by = args.Length > 1 ? args[1] : "assembly";
var top = args.Length > 2 ? int.Parse(args[2]) : 40;
using var pe = new PEReader(File.OpenRead(path));
var md = pe.GetMetadataReader();
var version = md.GetAssemblyDefinition().Version;
Console.WriteLine($"mstat version {version}");

var global = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
var bodies = new Dictionary<string, byte[]>();
foreach (var mh in global.GetMethods())
{
    var m = md.GetMethodDefinition(mh);
    var body = pe.GetMethodBody(m.RelativeVirtualAddress);
    bodies[md.GetString(m.Name)] = body.GetILBytes()!;
}

var owners = new OwnerResolver(md);
var code = new Dictionary<string, long>();
var types = new Dictionary<string, long>();
long totalCode = 0, totalTypes = 0, totalBlobs = 0;

// Methods: ldtoken M; ldc.i4 size; ldc.i4 gcinfo; ldc.i4 ehinfo; [ldc.i4 name]
var ms = new IlReader(bodies["Methods"]);
int perMethod = version.Major >= 2 ? 4 : 3;
while (!ms.End)
{
    int tok = ms.Token();
    long size = 0;
    for (int i = 0; i < perMethod; i++) { int v = ms.I4(); if (i < 3) size += v; }
    var key = owners.KeyOfMember(MetadataTokens.EntityHandle(tok), by);
    code[key] = code.GetValueOrDefault(key) + size;
    totalCode += size;
}
var ts = new IlReader(bodies["Types"]);
int perType = version.Major >= 2 ? 2 : 1;
while (!ts.End)
{
    int tok = ts.Token();
    long size = ts.I4();
    for (int i = 1; i < perType; i++) ts.I4();
    var key = owners.KeyOfType(MetadataTokens.EntityHandle(tok), by);
    types[key] = types.GetValueOrDefault(key) + size;
    totalTypes += size;
}
var blobs = new List<(string, long)>();
var bs = new IlReader(bodies["Blobs"]);
while (!bs.End)
{
    int st = bs.String();
    long size = bs.I4();
    blobs.Add((md.GetUserString(MetadataTokens.UserStringHandle(st)), size));
    totalBlobs += size;
}

Console.WriteLine($"code+gcinfo+eh {totalCode / 1024} KiB, type structures {totalTypes / 1024} KiB, other blobs {totalBlobs / 1024} KiB");
Console.WriteLine($"\n{"KiB code",9} {"KiB types",9} {"KiB sum",9}  {by}");
foreach (var k in code.Keys.Union(types.Keys).OrderByDescending(k => code.GetValueOrDefault(k) + types.GetValueOrDefault(k)).Take(top < 0 ? int.MaxValue : top))
    Console.WriteLine($"{code.GetValueOrDefault(k) / 1024.0,9:F1} {types.GetValueOrDefault(k) / 1024.0,9:F1} {(code.GetValueOrDefault(k) + types.GetValueOrDefault(k)) / 1024.0,9:F1}  {k}");
Console.WriteLine($"\nlargest other blobs (KiB):");
foreach (var (n, s) in blobs.OrderByDescending(b => b.Item2).Take(15))
    Console.WriteLine($"{s / 1024.0,9:F0}  {n}");

sealed class IlReader(byte[] il)
{
    int _pos;
    public bool End => _pos >= il.Length;
    public int Token() { Expect(0xD0); return Read32(); }
    public int String() { Expect(0x72); return Read32() & 0xFFFFFF; }
    public int I4()
    {
        byte op = il[_pos++];
        if (op >= 0x15 && op <= 0x1E) return op - 0x16;      // ldc.i4.m1 .. ldc.i4.8
        if (op == 0x1F) return (sbyte)il[_pos++];             // ldc.i4.s
        if (op == 0x20) return Read32();                      // ldc.i4
        throw new InvalidDataException($"opcode 0x{op:X2} at {_pos - 1}");
    }
    void Expect(byte op) { if (il[_pos++] != op) throw new InvalidDataException($"expected 0x{op:X2} at {_pos - 1}"); }
    int Read32() { int v = BitConverter.ToInt32(il, _pos); _pos += 4; return v; }
}

sealed class OwnerResolver(MetadataReader md) : ISignatureTypeProvider<EntityHandle, object?>
{
    public string KeyOfMember(EntityHandle h, string by) => h.Kind switch
    {
        HandleKind.MethodSpecification when by == "owner" && OwnerOf(md.GetMethodSpecification((MethodSpecificationHandle)h).Signature, true) is { } owner => owner,
        HandleKind.MethodSpecification => KeyOfMember(md.GetMethodSpecification((MethodSpecificationHandle)h).Method, by),
        HandleKind.MemberReference => KeyOfType(md.GetMemberReference((MemberReferenceHandle)h).Parent, by),
        HandleKind.MethodDefinition => KeyOfType(md.GetMethodDefinition((MethodDefinitionHandle)h).GetDeclaringType(), by),
        _ => "?" + h.Kind,
    };

    public string KeyOfType(EntityHandle h, string by)
    {
        if (by == "owner")
        {
            if (h.Kind == HandleKind.TypeSpecification && OwnerOf(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature, false) is { } owner)
            {
                return owner;
            }

            by = "assembly";
        }

        if (by == "instantiation" && h.Kind == HandleKind.TypeSpecification)
            return md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(new Namer(md), null);
        if (by == "instantiation") by = "type";
        var r = Root(h);
        if (r.Kind == HandleKind.TypeDefinition) return "<mstat>";
        if (r.Kind != HandleKind.TypeReference) return "?" + r.Kind;
        var tr = md.GetTypeReference((TypeReferenceHandle)r);
        string name = md.GetString(tr.Name), ns = md.GetString(tr.Namespace);
        var scope = tr.ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            var outer = md.GetTypeReference((TypeReferenceHandle)scope);
            name = md.GetString(outer.Name) + "+" + name;
            ns = md.GetString(outer.Namespace);
            scope = outer.ResolutionScope;
        }
        string asm = scope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) : "?" + scope.Kind;
        return by switch
        {
            "assembly" => asm,
            "namespace" => $"{asm}: {ns}",
            _ => $"{asm}: {ns}.{name}",
        };
    }

    /// <summary>The first non-framework assembly named in a type or method instantiation's signature, if any.</summary>
    string? OwnerOf(BlobHandle signature, bool methodSpecification)
    {
        var reader = md.GetBlobReader(signature);
        var decoder = new SignatureDecoder<string, object?>(new Namer(md), md, null);
        var text = methodSpecification ? string.Join(",", decoder.DecodeMethodSpecificationSignature(ref reader)) : decoder.DecodeType(ref reader);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\[([^\]]+)\]"))
        {
            var name = m.Groups[1].Value;
            if (!name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.", StringComparison.Ordinal) && name != "?")
            {
                return name;
            }
        }

        return null;
    }

    EntityHandle Root(EntityHandle h)
    {
        if (h.Kind != HandleKind.TypeSpecification) return h;
        var spec = md.GetTypeSpecification((TypeSpecificationHandle)h);
        return Root(spec.DecodeSignature(this, null));
    }

    public EntityHandle GetArrayType(EntityHandle e, ArrayShape s) => e;
    public EntityHandle GetByReferenceType(EntityHandle e) => e;
    public EntityHandle GetGenericInstantiation(EntityHandle g, ImmutableArray<EntityHandle> a) => g;
    public EntityHandle GetPointerType(EntityHandle e) => e;
    public EntityHandle GetSZArrayType(EntityHandle e) => e;
    public EntityHandle GetPinnedType(EntityHandle e) => e;
    public EntityHandle GetFunctionPointerType(MethodSignature<EntityHandle> s) => default;
    public EntityHandle GetGenericMethodParameter(object? c, int i) => default;
    public EntityHandle GetGenericTypeParameter(object? c, int i) => default;
    public EntityHandle GetModifiedType(EntityHandle m, EntityHandle u, bool r) => u;
    public EntityHandle GetPrimitiveType(PrimitiveTypeCode t) => default;
    public EntityHandle GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle h, byte k) => h;
    public EntityHandle GetTypeFromReference(MetadataReader r, TypeReferenceHandle h, byte k) => h;
    public EntityHandle GetTypeFromSpecification(MetadataReader r, object? c, TypeSpecificationHandle h, byte k) => Root(h);
}

sealed class Namer(MetadataReader md) : ISignatureTypeProvider<string, object?>
{
    public string GetArrayType(string e, ArrayShape s) => e + "[,]";
    public string GetByReferenceType(string e) => e + "&";
    public string GetGenericInstantiation(string g, ImmutableArray<string> a) => g + "<" + string.Join(",", a) + ">";
    public string GetPointerType(string e) => e + "*";
    public string GetSZArrayType(string e) => e + "[]";
    public string GetPinnedType(string e) => e;
    public string GetFunctionPointerType(MethodSignature<string> s) => "fnptr";
    public string GetGenericMethodParameter(object? c, int i) => "!!" + i;
    public string GetGenericTypeParameter(object? c, int i) => "!" + i;
    public string GetModifiedType(string m, string u, bool r) => u;
    public string GetPrimitiveType(PrimitiveTypeCode t) => t.ToString();
    public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle h, byte k) => "def";
    public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle h, byte k)
    {
        var tr = md.GetTypeReference(h);
        var scope = tr.ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference) scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        var asm = scope.Kind == HandleKind.AssemblyReference ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) : "?";
        return "[" + asm + "]" + md.GetString(tr.Name);
    }
    public string GetTypeFromSpecification(MetadataReader r, object? c, TypeSpecificationHandle h, byte k) => md.GetTypeSpecification(h).DecodeSignature(this, c);
}
