using KioskAgent.Draws.Pools;
using KioskAgent.Draws.Running;
using KioskAgent.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Draws.Sessions;

public static class DrawsServiceCollectionExtensions
{
    /// <summary>
    /// Durable draws: steps in <c>draws.db</c> (seeds sealed with a key from the kiosk secret), the
    /// draws' set-up and joins in <c>draw-catalog.db</c>, both in the data directory; the runtime
    /// staff drive through the DrawService API; retained publication; resume at start.
    /// </summary>
    public static IServiceCollection AddDraws(this IServiceCollection services)
    {
        services.AddSingleton<IDrawStepStore>(sp => new SqliteDrawStepStore(
            Path.Combine(DataDirectory(sp), SqliteDrawStepStore.FileName),
            new DrawSeedSeal(sp.GetRequiredService<KioskSecret>().Bytes.Span)));
        services.AddSingleton<DrawSessions>();
        services.AddSingleton(sp => new SqliteDrawCatalog(Path.Combine(DataDirectory(sp), SqliteDrawCatalog.FileName)));
        services.AddSingleton(sp => new DrawEntrantCodes(sp.GetRequiredService<KioskSecret>().Bytes.Span));
        services.AddSingleton(sp => new DrawPersonKeys(sp.GetRequiredService<KioskSecret>().Bytes.Span));
        services.AddSingleton<KioskAgent.Activities.IDrawStandings, RuntimeDrawStandings>();
        services.TryAddSingleton<IDrawPoolSource, NoCheckInPoolSource>();
        services.AddSingleton<IDrawJoinIdentity, MemberDrawJoinIdentity>();
        services.AddSingleton<IDrawPrinter, ReceiptDrawPrinter>();
        services.AddSingleton<DrawPublicationQueue>();
        services.AddSingleton<IDrawPublisher>(sp => sp.GetRequiredService<DrawPublicationQueue>());
        services.AddSingleton<DrawRuntime>();
        services.AddSingleton<DrawSetup>();
        services.AddSingleton<KioskAgent.Staff.IStaffFeature, DrawStaffFeature>();
        services.AddHostedService<DrawRecovery>();
        services.AddHostedService<DrawPublisher>();
        return services;
    }

    private static string DataDirectory(IServiceProvider sp) => sp.GetRequiredService<IOptions<KioskOptions>>().Value.ResolvedDataDirectory;
}
