using KioskAgent.Devices;
using KioskAgent.Hardware.KeyboardWedge;

namespace KioskAgent.Scanners;

/// <summary>A code scanner with its configuration entry.</summary>
public sealed record ConfiguredScanner(ScannerOptions Options, ICodeScanner Scanner);
