namespace KioskAgent.Members;

/// <summary>
/// The member cache's data was found damaged and dropped, and central's snapshot has not come yet:
/// a card not found now may be in central's data, so the tap is answered "try again", never "unknown".
/// </summary>
public sealed class MemberDataUnavailableException : Exception
{
    public MemberDataUnavailableException()
        : base("The member data is being re-synced from central.")
    {
    }

    public MemberDataUnavailableException(string message)
        : base(message)
    {
    }

    public MemberDataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
