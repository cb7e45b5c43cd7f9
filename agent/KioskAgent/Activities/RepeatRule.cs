namespace KioskAgent.Activities;

/// <summary>The repeat rule of an activity; <see cref="MinInterval"/> only matters for <see cref="RepeatKind.Repeatable"/>.</summary>
public sealed record RepeatRule(RepeatKind Kind, TimeSpan MinInterval = default)
{
    public static RepeatRule OncePerActivity { get; } = new(RepeatKind.OncePerActivity);

    public static RepeatRule OncePerSiteDay { get; } = new(RepeatKind.OncePerSiteDay);

    public static RepeatRule Every(TimeSpan minInterval) => new(RepeatKind.Repeatable, minInterval);
}
