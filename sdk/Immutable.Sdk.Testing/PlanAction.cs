namespace Immutable.Sdk.Testing;

/// <summary>What Terraform would do with a resource instance after seeing a plan.</summary>
public enum PlanAction
{
    /// <summary>Nothing changes.</summary>
    NoOp,

    /// <summary>A new object is created.</summary>
    Create,

    /// <summary>The object is changed in place (for a replace-only provider: operational settings only).</summary>
    Update,

    /// <summary>The old object is destroyed, then a new one created.</summary>
    DeleteThenCreate,

    /// <summary>A new object is created, then the old one destroyed (<c>create_before_destroy</c>).</summary>
    CreateThenDelete,

    /// <summary>The object is destroyed.</summary>
    Delete,
}
