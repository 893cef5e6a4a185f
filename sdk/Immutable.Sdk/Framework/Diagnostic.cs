using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The operation failed.</summary>
    Error,

    /// <summary>The operation went on, but the practitioner should look.</summary>
    Warning,
}

/// <summary>
/// A message for the practitioner, shown by Terraform under the configuration line of
/// <see cref="Attribute"/> when one is given.
/// </summary>
[Immutable]
public sealed record Diagnostic(Severity Severity, string Summary, string Detail = "", CtyPath? Attribute = null)
{
    /// <summary>An error, optionally pointing at an attribute.</summary>
    public static Diagnostic Error(string summary, string detail = "", CtyPath? attribute = null) => new(Severity.Error, summary, detail, attribute);

    /// <summary>A warning, optionally pointing at an attribute.</summary>
    public static Diagnostic Warning(string summary, string detail = "", CtyPath? attribute = null) => new(Severity.Warning, summary, detail, attribute);
}

/// <summary>An append-only list of diagnostics that knows whether any is an error.</summary>
public sealed class Diagnostics : List<Diagnostic>
{
    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => this.Any(d => d.Severity == Severity.Error);

    /// <summary>Adds an error.</summary>
    public void AddError(string summary, string detail = "", CtyPath? attribute = null) => Add(Diagnostic.Error(summary, detail, attribute));

    /// <summary>Adds a warning.</summary>
    public void AddWarning(string summary, string detail = "", CtyPath? attribute = null) => Add(Diagnostic.Warning(summary, detail, attribute));
}

/// <summary>
/// Thrown by resource code to fail an operation with a diagnostic that points at an attribute.
/// The framework turns it into a Terraform diagnostic; any other exception becomes a generic error.
/// </summary>
public sealed class DiagnosticException(Diagnostic diagnostic) : Exception(diagnostic.Summary)
{
    /// <summary>The diagnostic to report.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}
