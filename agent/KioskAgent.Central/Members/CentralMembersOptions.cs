namespace KioskAgent.Central.Members;

/// <summary>How the reference central serves member data.</summary>
public sealed class CentralMembersOptions
{
    /// <summary>Members per snapshot chunk: fewer, bigger messages against more, smaller ones.</summary>
    public int ChunkSize { get; set; } = 2_000;

    /// <summary>False: queries go unanswered, as with a central that is down behind a live broker.</summary>
    public bool AnswerQueries { get; set; } = true;

    /// <summary>Waits this long before answering a query (a slow central).</summary>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.Zero;

    /// <summary>False: resync requests are recorded but not served.</summary>
    public bool ServeSnapshots { get; set; } = true;
}
