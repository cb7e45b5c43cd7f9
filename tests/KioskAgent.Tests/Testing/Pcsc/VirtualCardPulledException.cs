namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>Thrown by a virtual card's Process to make <see cref="VpcdCard"/> drop the connection mid-APDU, as a card pulled from the field.</summary>
public sealed class VirtualCardPulledException : Exception
{
    public VirtualCardPulledException()
        : base("The card left the field in the middle of the command.")
    {
    }

    public VirtualCardPulledException(string message)
        : base(message)
    {
    }

    public VirtualCardPulledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
