namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>What the PN532 received from the host.</summary>
public enum Pn532HostFrameKind
{
    Information,
    Ack,
    Nack,
    BadLengthChecksum,
    BadDataChecksum,
}
