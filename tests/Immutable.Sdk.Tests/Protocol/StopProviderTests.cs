using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol;
using Immutable.Sdk.Tests.Framework;
using Microsoft.Extensions.Logging.Abstractions;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Tests.Protocol;

public sealed class StopProviderTests
{
    private sealed class TestProvider(IResourceDefinition resource) : ProviderDefinition
    {
        public override string TypeName => "test";

        public override ObjectSchema ConfigSchema { get; } = new([]);

        public override IReadOnlyList<IResourceDefinition> Resources { get; } = [resource];

        public override Task<object?> ConfigureAsync(CtyValue config, ResourceContext context) => Task.FromResult<object?>(null);
    }

    [Fact]
    public async Task Stop_provider_cancels_an_apply_in_flight_and_later_requests_still_run()
    {
        var started = new TaskCompletionSource();
        var resource = new ThingResource
        {
            BeforeCreate = async (_, context) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, context.Cancellation);
            },
        };
        using var service = new ProviderService(new TestProvider(resource), NullLogger<ProviderService>.Instance);
        var type = resource.Schema.Type;
        var config = CtyValue.Object(resource.Schema.Attributes.ToDictionary(
            a => a.Name, a => a.Name == "name" ? CtyValue.String("slow") : CtyValue.Null(a.Type)));
        var planned = ReplaceOnlyPlanner.PlanCreate(resource.Schema, config);
        var request = new V6.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = WireMapping.Encode(null, type),
            PlannedState = WireMapping.Encode(planned, type),
            Config = WireMapping.Encode(config, type),
        };

        var apply = service.ApplyResourceChange(request, new DirectCallContext());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stop = await service.StopProvider(new V6.StopProvider.Types.Request(), new DirectCallContext());
        Assert.Equal(string.Empty, stop.Error);

        var response = await apply.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Operation cancelled", Assert.Single(response.Diagnostics).Summary);
        Assert.Null(WireMapping.Decode(response.NewState, type, "new_state"));

        resource.BeforeCreate = null;
        var again = await service.ApplyResourceChange(request, new DirectCallContext());
        Assert.Empty(again.Diagnostics);
    }
}
