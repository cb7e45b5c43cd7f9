namespace KioskAgent.Hardware.CardReaders;

/// <summary>The card could not be talked to: removed mid-read, timed out, or answered garbage.</summary>
public sealed class CardCommunicationException : Exception
{
    public CardCommunicationException()
    {
    }

    public CardCommunicationException(string message)
        : base(message)
    {
    }

    public CardCommunicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
