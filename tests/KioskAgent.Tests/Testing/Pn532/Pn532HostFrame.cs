namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>One frame as the PN532 parsed it: for information frames TFI and PD0..PDn.</summary>
public sealed record Pn532HostFrame(Pn532HostFrameKind Kind, byte Tfi = 0, byte[]? Data = null);
