using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// P/Invoke declarations for pcsc-lite's libpcsclite.so.1 (the PC/SC client library; its API is
/// documented at https://pcsclite.apdu.fr/api/group__API.html). On Linux every DWORD and LONG is a C
/// <c>unsigned long</c>/<c>long</c>, and SCARDCONTEXT/SCARDHANDLE are <c>long</c>: 64-bit on x64/arm64,
/// 32-bit on armhf. Hence nint/nuint throughout. Every function returns a LONG status code
/// (<see cref="ScardError"/>).
/// </summary>
internal static unsafe partial class PcscLite
{
    private const string Library = "libpcsclite.so.1";

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint dwScope, nint pvReserved1, nint pvReserved2, out nint phContext);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint hContext);

    [LibraryImport(Library)]
    public static partial nint SCardIsValidContext(nint hContext);

    /// <param name="mszReaders">null to ask for the needed length in <paramref name="pcchReaders"/>.</param>
    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint hContext, byte* mszGroups, byte* mszReaders, ref nuint pcchReaders);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint hContext, nuint dwTimeout, ScardReaderState* rgReaderStates, nuint cReaders);

    /// <summary>Makes a pending <see cref="SCardGetStatusChange"/> on the context return SCARD_E_CANCELLED; callable from any thread.</summary>
    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint hContext);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SCardConnect(nint hContext, string szReader, nuint dwShareMode, nuint dwPreferredProtocols, out nint phCard, out nuint pdwActiveProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint hCard, nuint dwDisposition);

    [LibraryImport(Library)]
    public static partial nint SCardStatus(nint hCard, byte* szReaderName, ref nuint pcchReaderLen, out nuint pdwState, out nuint pdwProtocol, byte* pbAtr, ref nuint pcbAtrLen);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint hCard, ScardIoRequest* pioSendPci, byte* pbSendBuffer, nuint cbSendLength, ScardIoRequest* pioRecvPci, byte* pbRecvBuffer, ref nuint pcbRecvLength);
}
