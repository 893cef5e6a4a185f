using System.Globalization;

namespace Immutable.Sdk.Framework;

/// <summary>
/// An import id (<c>terraform import ADDRESS ID</c>) split into its <c>/</c>-separated parts, checked once:
/// a malformed id is a diagnostic that shows the expected form, never an index error deep in a resource.
/// </summary>
public sealed class ImportId
{
    private readonly string[] _parts;

    private ImportId(string text, string form, string[] parts)
    {
        Text = text;
        Form = form;
        _parts = parts;
    }

    /// <summary>The id as given.</summary>
    public string Text { get; }

    /// <summary>The expected form, as diagnostics show it (e.g. <c>SERVICE or SERVICE/GENERATION</c>).</summary>
    public string Form { get; }

    /// <summary>How many parts the id has.</summary>
    public int Count => _parts.Length;

    /// <summary>The part at <paramref name="index"/> (a required part, or an optional one that is present).</summary>
    public string this[int index] => _parts[index];

    /// <summary>
    /// Splits <paramref name="id"/> into <paramref name="required"/> parts followed by up to
    /// <paramref name="optional"/> more, none of them empty; throws a <see cref="DiagnosticException"/>
    /// "Invalid import id" naming <paramref name="form"/> otherwise.
    /// </summary>
    public static ImportId Parse(string id, string form, int required, int optional = 0)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentOutOfRangeException.ThrowIfLessThan(required, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(optional);
        var parts = id.Split('/');
        if (parts.Length < required || parts.Length > required + optional || parts.Any(part => part.Length == 0 || part.Trim().Length != part.Length))
        {
            throw Invalid(id, form, "it does not have that form");
        }

        return new ImportId(id, form, parts);
    }

    /// <summary>The part at <paramref name="index"/> when the id has it, else null.</summary>
    public string? Optional(int index) => index < _parts.Length ? _parts[index] : null;

    /// <summary>The part at <paramref name="index"/> as a non-negative whole number (e.g. a generation), or a diagnostic naming it.</summary>
    public long Number(int index, string name) =>
        long.TryParse(_parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(Text, Form, $"{name} \"{_parts[index]}\" is not a whole number");

    private static DiagnosticException Invalid(string id, string form, string why) =>
        new(Diagnostic.Error("Invalid import id", $"\"{id}\" is not an import id of the form {form}: {why}."));
}
