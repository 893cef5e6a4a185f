using Immutable.Cty;
using Immutable.Sdk.Docker.Engine.Connection;
using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>The provider block's engine settings mapped onto the SDK's resolver; a setting it refuses is a diagnostic on that attribute.</summary>
internal static class EngineConnection
{
    public static EngineEndpoint Resolve(ProviderConfig config, string home)
    {
        var settings = new ConnectionSettings
        {
            Host = config.Host,
            Context = config.Context,
            CertPath = config.CertPath,
            CaMaterial = config.CaMaterial,
            CertMaterial = config.CertMaterial,
            KeyMaterial = config.KeyMaterial,
            SshOptions = config.SshOpts is { } options ? [.. options] : [],
        };
        try
        {
            return EndpointResolver.Resolve(settings, Environment.GetEnvironmentVariable, home, DateTimeOffset.UtcNow);
        }
        catch (ConnectionSettingException ex)
        {
            throw new DiagnosticException(Diagnostic.Error(ex.Summary, ex.Detail, CtyPath.Root.GetAttr(ex.Setting)));
        }
    }
}
