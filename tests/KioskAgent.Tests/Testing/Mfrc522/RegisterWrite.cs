using KioskAgent.Hardware.Mfrc522;

namespace KioskAgent.Tests.Testing.Mfrc522;

/// <summary>One register write the driver sent over SPI, in order.</summary>
public readonly record struct RegisterWrite(Register Register, byte Value);
