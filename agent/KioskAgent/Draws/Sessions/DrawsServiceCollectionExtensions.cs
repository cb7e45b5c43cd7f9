using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Draws.Sessions;

public static class DrawsServiceCollectionExtensions
{
    /// <summary>Durable draws: steps in <c>draws.db</c> in the data directory (opened when first used).</summary>
    public static IServiceCollection AddDraws(this IServiceCollection services)
    {
        services.AddSingleton<IDrawStepStore>(sp => new SqliteDrawStepStore(
            Path.Combine(sp.GetRequiredService<IOptions<KioskOptions>>().Value.ResolvedDataDirectory, SqliteDrawStepStore.FileName)));
        services.AddSingleton<DrawSessions>();
        return services;
    }
}
