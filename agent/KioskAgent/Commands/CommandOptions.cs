namespace KioskAgent.Commands;

/// <summary>Section "Commands": limits of the command channel from central.</summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    /// <summary>A command larger than this is refused (oversized) before it is parsed.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>A command still running after this long is answered with error "timeout".</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many recent command ids (and their results) are remembered to answer replays, also across restarts.</summary>
    public int RememberedIds { get; set; } = 1000;

    /// <summary>How long the id of a command that ran is remembered across restarts (longer when the command's message expiry is later).</summary>
    public int RememberSeconds { get; set; } = 86_400;

    /// <summary>Commands waiting to run; when full, a new one is answered with error "busy".</summary>
    public int QueueCapacity { get; set; } = 16;
}
