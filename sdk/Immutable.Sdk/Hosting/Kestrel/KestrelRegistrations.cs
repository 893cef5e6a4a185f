using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// Lets Kestrel's own <c>UseKestrelCore()</c> register its services into a plain service collection,
/// without a web host: some of them (its metrics, the HTTPS middleware's dependencies) are internal
/// types that only Kestrel can name. Nothing else of <see cref="IWebHostBuilder"/> is used.
/// </summary>
internal sealed class KestrelRegistrations(IServiceCollection services) : IWebHostBuilder
{
    public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configureServices)
    {
        configureServices(services);
        return this;
    }

    public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configureServices) =>
        throw new NotSupportedException("Kestrel is configured without a web host; there is no host context.");

    public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configureDelegate) =>
        throw new NotSupportedException("Kestrel is configured without a web host; there is no configuration.");

#pragma warning disable ASPDEPR008 // IWebHost is obsolete, but it is part of the interface Kestrel's extension extends.
    public IWebHost Build() => throw new NotSupportedException("Kestrel is configured without a web host.");
#pragma warning restore ASPDEPR008

    public string? GetSetting(string key) => null;

    public IWebHostBuilder UseSetting(string key, string? value) => this;
}
