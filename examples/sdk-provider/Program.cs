using Immutable.Examples.SampleProvider;
using Immutable.Sdk.Hosting;

return await PluginServer.RunAsync(args, new PluginServerOptions
{
    ProviderAddress = "registry.terraform.io/immutable-infra/sample",
    Provider = new SampleProvider(),
}).ConfigureAwait(false);
