namespace KioskAgent.Staff;

/// <summary>
/// Something staff open from the staff home screen (check-in, draws, vouchers). Register one as a
/// singleton <see cref="IStaffFeature"/>; the home screen lists it for staff whose role may open it,
/// and <c>StaffService.OpenStaffFeature</c> opens it (journaled as "open_feature" first).
/// </summary>
public interface IStaffFeature
{
    /// <summary>Stable code the UI words: "check_in", "draw", "vouchers".</summary>
    string Code { get; }

    /// <summary>Words for a UI that does not know the code, "中文 · English".</summary>
    string Label { get; }

    /// <summary>The least role that may open it.</summary>
    StaffRole RequiredRole { get; }

    /// <summary>Listed but greyed out while false (e.g. no activity today).</summary>
    bool Available { get; }

    /// <summary>Shows the feature's screen for <paramref name="staff"/> (who is logged in now).</summary>
    Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken);
}
