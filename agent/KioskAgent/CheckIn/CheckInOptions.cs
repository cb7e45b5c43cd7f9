using System.ComponentModel.DataAnnotations;

namespace KioskAgent.CheckIn;

/// <summary>The <c>CheckIn</c> section: which member readers count exits, and how long the staff feed is.</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIn";

    /// <summary>Member-reader ids whose taps are exits at an entry-and-exit activity (the door's inside reader); every other reader's are entries.</summary>
    public List<string> ExitReaders { get; set; } = [];

    /// <summary>Taps shown in the staff feed, newest first.</summary>
    [Range(1, 50)]
    public int FeedLength { get; set; } = 8;
}
