using KioskAgent.Staff;

namespace KioskAgent.Draws.Running;

/// <summary>
/// Prize draws on the staff home screen: puts the draw on the stage back, or else shows the set-up
/// screen (a new draw, or one of today's to reopen). Always available. The runtime is resolved when
/// the feature opens: it needs the staff sessions, which list the features.
/// </summary>
public sealed class DrawStaffFeature(SqliteDrawCatalog catalog, IServiceProvider services) : IStaffFeature
{
    public string Code => "draw";

    public string Label => "抽奖活动 · Prize draw";

    public StaffRole RequiredRole => StaffRole.Staff;

    public bool Available => true;

    public async Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken)
    {
        if (catalog.Stage is { } drawId)
        {
            await services.GetRequiredService<DrawRuntime>().ShowAsync(drawId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await services.GetRequiredService<DrawSetup>().ShowAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
