using KioskAgent.Contracts.V1;

namespace KioskAgent.Staff;

/// <summary>
/// The staff home screen's list: every registered <see cref="IStaffFeature"/> the staff member's role
/// may open, and, for the features staff mode is built for (<see cref="Planned"/>) that are not
/// registered yet, an entry that cannot be opened, so the screen shows what is coming.
/// </summary>
public sealed class StaffFeatureCatalog(IEnumerable<IStaffFeature> features)
{
    /// <summary>Staff mode's features in home-screen order: code and words.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Planned =
    [
        ("check_in", "签到活动 · Event check-in"),
        ("draw", "抽奖活动 · Prize draw"),
        ("vouchers", "核销 · Vouchers"),
    ];

    private readonly IReadOnlyList<IStaffFeature> _features = [.. features];

    public IStaffFeature? Find(string code) => _features.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    public IEnumerable<StaffFeature> For(StaffIdentity staff)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, label) in Planned)
        {
            listed.Add(code);
            if (Find(code) is { } feature)
            {
                if (staff.May(feature.RequiredRole))
                {
                    yield return View(feature);
                }
            }
            else
            {
                yield return new StaffFeature { Code = code, Label = label, Available = false };
            }
        }

        foreach (var feature in _features.Where(f => !listed.Contains(f.Code) && staff.May(f.RequiredRole)))
        {
            yield return View(feature);
        }
    }

    private static StaffFeature View(IStaffFeature feature) => new() { Code = feature.Code, Label = feature.Label, Available = feature.Available };
}
