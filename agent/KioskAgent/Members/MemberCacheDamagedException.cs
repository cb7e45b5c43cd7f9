namespace KioskAgent.Members;

/// <summary>
/// A member row of an opened cache does not open with this kiosk's key for its row, or does not
/// hold the key it was found by (the file was tampered with or damaged). The row is never shown;
/// the cache asks central for a full snapshot.
/// </summary>
internal sealed class MemberCacheDamagedException : Exception
{
    public MemberCacheDamagedException()
    {
    }

    public MemberCacheDamagedException(string message)
        : base(message)
    {
    }

    public MemberCacheDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
