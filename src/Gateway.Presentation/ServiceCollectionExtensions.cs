using Gateway.Presentation.Charts;
using Gateway.Presentation.Summary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Presentation;

public static class ServiceCollectionExtensions
{
    /// <summary>The present stage: <see cref="ChartSelector"/> with <see cref="ChartOptions"/> (defaults unless registered first) and the <see cref="ResultSummarizer"/>.</summary>
    public static IServiceCollection AddGatewayPresentation(this IServiceCollection services)
    {
        services.TryAddSingleton(ChartOptions.Default);
        services.TryAddSingleton(sp => new ChartSelector(sp.GetRequiredService<ChartOptions>()));
        services.TryAddSingleton<ResultSummarizer>();
        return services;
    }
}
