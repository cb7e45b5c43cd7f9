using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KioskAgent.Hardware.Pcsc.Native;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>
/// The interop structs must match pcsc-lite's on this platform: every DWORD is a C unsigned long
/// (pointer-sized on Linux), so SCARD_READERSTATE is 80 bytes with the ATR at 40 on x64/arm64 and
/// 56 bytes with the ATR at 20 on armhf; SCARD_IO_REQUEST is two DWORDs.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class NativeLayoutTests
{
    private static readonly int Word = IntPtr.Size;

    [Fact]
    public void ReaderState_HasPcscLiteSize()
    {
        var expected = Word == 8 ? 80 : 56;

        Assert.Equal(expected, Marshal.SizeOf<ScardReaderState>());
        Assert.Equal(expected, Unsafe.SizeOf<ScardReaderState>());
    }

    [Theory]
    [InlineData(nameof(ScardReaderState.Reader), 0)]
    [InlineData(nameof(ScardReaderState.UserData), 1)]
    [InlineData(nameof(ScardReaderState.CurrentState), 2)]
    [InlineData(nameof(ScardReaderState.EventState), 3)]
    [InlineData(nameof(ScardReaderState.AtrLength), 4)]
    [InlineData(nameof(ScardReaderState.Atr), 5)]
    public void ReaderState_FieldsSitAtPcscLiteOffsets(string field, int words)
    {
        Assert.Equal(words * Word, (int)Marshal.OffsetOf<ScardReaderState>(field));
    }

    [Fact]
    public void ReaderState_AtrBufferHoldsMaxAtrSize()
    {
        var atrOffset = (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.Atr));
        var room = Marshal.SizeOf<ScardReaderState>() - atrOffset;

        // MAX_ATR_SIZE (33) bytes, followed by nothing but alignment padding.
        Assert.Equal(33, ScardReaderState.MaxAtrSize);
        Assert.InRange(room, 33, 33 + Word - 1);
    }

    [Fact]
    public void IoRequest_IsTwoDwords()
    {
        Assert.Equal(2 * Word, Marshal.SizeOf<ScardIoRequest>());
        Assert.Equal(Word == 8 ? 16 : 8, Unsafe.SizeOf<ScardIoRequest>());
    }

    [Theory]
    [InlineData(0x8010000AL, 0x8010000Au)]
    [InlineData(-2146435062L, 0x8010000Au)]
    [InlineData(0x8010001DL, 0x8010001Du)]
    public void StatusCode_LowWordIsTheCode_WhetherLongIsSignExtendedOrNot(long status, uint expected)
    {
        // 64-bit pcsc-lite returns 0x8010000A as a positive long; a 32-bit LONG holds it negative.
        Assert.Equal(expected, ScardError.FromLong((nint)status));
    }
}
