namespace KioskAgent.Members;

/// <summary>A member cache file cannot be used: <see cref="Reason"/> is <c>wrong_secret</c> or <c>unreadable</c>.</summary>
internal sealed class MemberCacheUnreadableException : Exception
{
    public MemberCacheUnreadableException()
        : this("unreadable", "the member cache file cannot be used")
    {
    }

    public MemberCacheUnreadableException(string message)
        : this("unreadable", message)
    {
    }

    public MemberCacheUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "unreadable";
    }

    public MemberCacheUnreadableException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
