using System.Collections.Generic;

namespace Immutable.Analyzers;

/// <summary>Built-in knowledge about framework types, keyed by metadata name of the original definition.</summary>
internal static class KnownTypes
{
    /// <summary>Types that are immutable whatever their (absent) type arguments.</summary>
    public static readonly HashSet<string> Immutable = new()
    {
        "System.String",
        "System.Decimal",
        "System.DateTime",
        "System.DateTimeOffset",
        "System.DateOnly",
        "System.TimeOnly",
        "System.TimeSpan",
        "System.Guid",
        "System.Half",
        "System.Int128",
        "System.UInt128",
        "System.Index",
        "System.Range",
        "System.Uri",
        "System.Version",
        "System.Type",
        "System.DBNull",
        "System.TimeZoneInfo",
        "System.StringComparer",
        "System.Text.Rune",
        "System.Text.Encoding",
        "System.Text.RegularExpressions.Regex",
        "System.Numerics.BigInteger",
        "System.Numerics.Complex",
        "System.Threading.CancellationToken",
        "System.Threading.Lock",
        "System.Net.IPNetwork",
        "System.Text.CompositeFormat",
        "System.Buffers.SearchValues`1",
        "System.Reflection.Assembly",
        "System.Reflection.Module",
        "System.Reflection.MemberInfo",
        "System.Reflection.MethodBase",
        "System.Reflection.MethodInfo",
        "System.Reflection.ConstructorInfo",
        "System.Reflection.PropertyInfo",
        "System.Reflection.FieldInfo",
        "System.Reflection.EventInfo",
        "System.Reflection.ParameterInfo",
        "System.Reflection.TypeInfo",
    };

    /// <summary>Generic types that are immutable when all their type arguments are.</summary>
    public static readonly HashSet<string> ImmutableIfArgumentsAre = new()
    {
        "System.Nullable`1",
        "System.Lazy`1",
        "System.Collections.Generic.KeyValuePair`2",
        "System.Tuple`1", "System.Tuple`2", "System.Tuple`3", "System.Tuple`4",
        "System.Tuple`5", "System.Tuple`6", "System.Tuple`7", "System.Tuple`8",
        "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedDictionary`2",
        "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1",
        "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Immutable.IImmutableList`1",
        "System.Collections.Immutable.IImmutableDictionary`2",
        "System.Collections.Immutable.IImmutableSet`1",
        "System.Collections.Immutable.IImmutableQueue`1",
        "System.Collections.Immutable.IImmutableStack`1",
        "System.Collections.Frozen.FrozenDictionary`2",
        "System.Collections.Frozen.FrozenSet`1",
    };

    /// <summary>Read-only views that are accepted when <c>immutable.IMM0002.allow_readonly_interfaces = true</c>.</summary>
    public static readonly HashSet<string> ReadOnlyInterfaces = new()
    {
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.IReadOnlySet`1",
    };

    /// <summary>Types known to be mutable, with the reason (phrased to follow "which").</summary>
    public static readonly Dictionary<string, string> Mutable = new()
    {
        ["System.Object"] = "can refer to any object, including a mutable one",
        ["System.Text.StringBuilder"] = "is a mutable string buffer",
        ["System.Memory`1"] = "is a writable view of memory",
        ["System.ReadOnlyMemory`1"] = "is a view of memory that its owner can still change",
        ["System.ArraySegment`1"] = "is a writable view of an array",
        ["System.Collections.ArrayList"] = "is a mutable collection",
        ["System.Collections.Hashtable"] = "is a mutable collection",
        ["System.Collections.IList"] = "is a mutable collection interface",
        ["System.Collections.IDictionary"] = "is a mutable collection interface",
        ["System.Collections.BitArray"] = "is a mutable collection",
        ["System.Collections.Specialized.NameValueCollection"] = "is a mutable collection",
        ["System.IO.Stream"] = "has a position and contents that change",
        ["System.IO.MemoryStream"] = "has a position and contents that change",
        ["System.Random"] = "changes its state on every call",
        ["System.Exception"] = "has settable members (Data, Source, HelpLink)",
    };

    /// <summary>
    /// Mutable collections and their System.Collections.Immutable / Frozen counterparts (full names without arity;
    /// the counterpart has the same type arguments, or the element type for arrays).
    /// </summary>
    public static readonly Dictionary<string, string[]> CollectionCounterparts = new()
    {
        ["System.Collections.Generic.List`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.Generic.IList`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.Generic.ICollection`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.ObjectModel.Collection`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.ObjectModel.ObservableCollection`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.ObjectModel.ReadOnlyCollection`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.Generic.IReadOnlyList`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.Generic.IReadOnlyCollection`1"] = new[] { ImmutableList, ImmutableArray },
        ["System.Collections.Generic.IEnumerable`1"] = new[] { ImmutableArray, ImmutableList },
        ["System.Collections.Generic.LinkedList`1"] = new[] { ImmutableList },
        ["System.Collections.Generic.Dictionary`2"] = new[] { ImmutableDictionary, FrozenDictionary },
        ["System.Collections.Generic.IDictionary`2"] = new[] { ImmutableDictionary, FrozenDictionary },
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = new[] { ImmutableDictionary, FrozenDictionary },
        ["System.Collections.ObjectModel.ReadOnlyDictionary`2"] = new[] { ImmutableDictionary, FrozenDictionary },
        ["System.Collections.Concurrent.ConcurrentDictionary`2"] = new[] { ImmutableDictionary, FrozenDictionary },
        ["System.Collections.Generic.HashSet`1"] = new[] { ImmutableHashSet, FrozenSet },
        ["System.Collections.Generic.ISet`1"] = new[] { ImmutableHashSet, FrozenSet },
        ["System.Collections.Generic.IReadOnlySet`1"] = new[] { ImmutableHashSet, FrozenSet },
        ["System.Collections.Generic.SortedDictionary`2"] = new[] { "System.Collections.Immutable.ImmutableSortedDictionary" },
        ["System.Collections.Generic.SortedList`2"] = new[] { "System.Collections.Immutable.ImmutableSortedDictionary" },
        ["System.Collections.Generic.SortedSet`1"] = new[] { "System.Collections.Immutable.ImmutableSortedSet" },
        ["System.Collections.Generic.Queue`1"] = new[] { "System.Collections.Immutable.ImmutableQueue" },
        ["System.Collections.Generic.Stack`1"] = new[] { "System.Collections.Immutable.ImmutableStack" },
        ["System.Collections.Concurrent.ConcurrentQueue`1"] = new[] { "System.Collections.Immutable.ImmutableQueue" },
        ["System.Collections.Concurrent.ConcurrentStack`1"] = new[] { "System.Collections.Immutable.ImmutableStack" },
    };

    public const string ImmutableArray = "System.Collections.Immutable.ImmutableArray";
    public const string ImmutableList = "System.Collections.Immutable.ImmutableList";
    public const string ImmutableDictionary = "System.Collections.Immutable.ImmutableDictionary";
    public const string ImmutableHashSet = "System.Collections.Immutable.ImmutableHashSet";
    public const string FrozenDictionary = "System.Collections.Frozen.FrozenDictionary";
    public const string FrozenSet = "System.Collections.Frozen.FrozenSet";
}
