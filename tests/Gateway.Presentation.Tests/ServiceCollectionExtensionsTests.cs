using Gateway.Presentation.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Presentation.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Chart_options_registered_first_reach_the_selector()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(new ChartOptions { Title = "mine" })
            .AddGatewayPresentation()
            .BuildServiceProvider();

        var spec = provider.GetRequiredService<ChartSelector>().Select(
            [new("k", Gateway.Execution.Results.ValueKind.Text, "text"), new("v", Gateway.Execution.Results.ValueKind.Integer, "int")],
            [["a", 1L], ["b", 2L], ["c", 3L], ["d", 4L], ["e", 5L], ["f", 6L], ["g", 7L]]);

        Assert.Equal("mine", (string?)spec.Figure!["layout"]!["title"]!["text"]);
    }
}
