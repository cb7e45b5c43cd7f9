using KioskAgent.Staff;

namespace KioskAgent.Draws.Running;

/// <summary>
/// Prize draws on the staff home screen: puts the draw on the stage back, or else the draw created
/// last. Draws are created through the DrawService; until one exists the entry is greyed out.
/// </summary>
public sealed class DrawStaffFeature(SqliteDrawCatalog catalog, DrawRuntime draws) : IStaffFeature
{
    public string Code => "draw";

    public string Label => "抽奖活动 · Prize draw";

    public StaffRole RequiredRole => StaffRole.Staff;

    public bool Available => catalog.Newest is not null;

    public async Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken)
    {
        if ((catalog.Stage ?? catalog.Newest) is { } drawId)
        {
            await draws.ShowAsync(drawId, cancellationToken).ConfigureAwait(false);
        }
    }
}
