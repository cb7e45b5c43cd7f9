using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// An array of SCARD_READERSTATE in native memory for SCardGetStatusChange, with the reader names
/// it points to. After each call, <see cref="Acknowledge"/> copies dwEventState into
/// dwCurrentState, event counter included, so the next call waits for the next change.
/// </summary>
internal sealed unsafe class ReaderStateSet : IDisposable
{
    private ScardReaderState* _states;

    public ReaderStateSet(params string[] readerNames)
    {
        Count = readerNames.Length;
        _states = (ScardReaderState*)NativeMemory.AllocZeroed((nuint)Count, (nuint)sizeof(ScardReaderState));
        for (var i = 0; i < Count; i++)
        {
            _states[i].Reader = Marshal.StringToCoTaskMemUTF8(readerNames[i]);
        }
    }

    public int Count { get; }

    public ScardReaderState* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_states == null, this);
            return _states;
        }
    }

    public ReaderStates EventState(int index) => (ReaderStates)(uint)(Pointer[index].EventState & 0xFFFF);

    /// <summary>The upper 16 bits of dwEventState: pcsc-lite's count of insertions and removals at this reader.</summary>
    public int EventCounter(int index) => (int)((Pointer[index].EventState >> 16) & 0xFFFF);

    public bool Changed(int index) => EventState(index).HasFlag(ReaderStates.Changed);

    public byte[] Atr(int index)
    {
        var state = &Pointer[index];
        var length = (int)Math.Min(state->AtrLength, (nuint)ScardReaderState.MaxAtrSize);
        return new ReadOnlySpan<byte>(state->Atr, length).ToArray();
    }

    /// <summary>Feeds each whole dwEventState (with its event counter) back as dwCurrentState.</summary>
    public void Acknowledge()
    {
        for (var i = 0; i < Count; i++)
        {
            Pointer[i].CurrentState = Pointer[i].EventState;
        }
    }

    public void Dispose()
    {
        if (_states == null)
        {
            return;
        }

        for (var i = 0; i < Count; i++)
        {
            Marshal.FreeCoTaskMem(_states[i].Reader);
        }

        NativeMemory.Free(_states);
        _states = null;
    }
}
