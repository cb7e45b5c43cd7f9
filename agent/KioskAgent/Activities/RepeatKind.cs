namespace KioskAgent.Activities;

/// <summary>How often one member may check in to the same activity (再次签到 / 每天多次).</summary>
public enum RepeatKind
{
    /// <summary>Once for the whole activity.</summary>
    OncePerActivity,

    /// <summary>Once per day as the site counts days (midnight in the site's time zone).</summary>
    OncePerSiteDay,

    /// <summary>Again and again, with at least a minimum interval between two check-ins.</summary>
    Repeatable,
}
