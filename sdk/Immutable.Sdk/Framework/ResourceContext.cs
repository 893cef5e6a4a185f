using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Framework;

/// <summary>What every resource operation receives besides its values.</summary>
public sealed class ResourceContext
{
    /// <summary>Creates a context.</summary>
    public ResourceContext(object? providerData, ILogger logger, CancellationToken cancellation)
    {
        ProviderData = providerData;
        Logger = logger;
        Cancellation = cancellation;
    }

    /// <summary>What the provider's Configure returned (e.g. a Docker client); null before configuration.</summary>
    public object? ProviderData { get; }

    /// <summary>Logs to Terraform's provider log.</summary>
    public ILogger Logger { get; }

    /// <summary>Cancelled when Terraform calls StopProvider (Ctrl-C) or the request is abandoned.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Warnings to show alongside a successful result.</summary>
    public Diagnostics Warnings { get; } = [];

    /// <summary>The provider data as <typeparamref name="T"/>, with a clear error when the provider is not configured.</summary>
    public T ProviderDataAs<T>()
        where T : class =>
        ProviderData as T ?? throw new DiagnosticException(Diagnostic.Error(
            "Provider not configured",
            "The provider block has not been configured yet; this is a bug in the provider or in the calling tool."));
}
