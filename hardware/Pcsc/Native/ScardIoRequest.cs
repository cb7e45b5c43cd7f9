using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>SCARD_IO_REQUEST (pcsclite.h): protocol and the size of this header. 16 bytes on 64-bit Linux, 8 on armhf.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ScardIoRequest
{
    public nuint Protocol;
    public nuint PciLength;
}
