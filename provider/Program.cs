using Immutable.Provider;
using Immutable.Sdk.Hosting;

return await PluginServer.RunAsync(args, new PluginServerOptions
{
    ProviderAddress = ImmutableProvider.SourceAddress,
    Provider = new ImmutableProvider(),
}).ConfigureAwait(false);
