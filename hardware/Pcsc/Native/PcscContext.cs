using System.Text;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// One SCARDCONTEXT. pcsc-lite serialises the calls of one context (SCardGetStatusChange holds it
/// while it waits), so a thread that blocks in <see cref="GetStatusChange"/> needs a context of its
/// own; only <see cref="Cancel"/> may be called from another thread.
/// </summary>
internal sealed unsafe class PcscContext : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;

    private PcscContext(nint handle) => _handle = handle;

    /// <summary>Connects to pcscd; returns the status code and, on success, the context.</summary>
    public static uint TryEstablish(out PcscContext? context)
    {
        var status = ScardError.FromLong(PcscLite.SCardEstablishContext(Scard.ScopeSystem, 0, 0, out var handle));
        context = status == ScardError.Success ? new PcscContext(handle) : null;
        return status;
    }

    public nint Handle
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_handle == 0, this);
                return _handle;
            }
        }
    }

    public bool IsValid
    {
        get
        {
            lock (_gate)
            {
                return _handle != 0 && ScardError.FromLong(PcscLite.SCardIsValidContext(_handle)) == ScardError.Success;
            }
        }
    }

    /// <summary>Reader names; an empty list when pcscd has none (SCARD_E_NO_READERS_AVAILABLE).</summary>
    public uint ListReaders(out IReadOnlyList<string> readers)
    {
        readers = [];
        var handle = Handle;
        nuint length = 0;
        var status = ScardError.FromLong(PcscLite.SCardListReaders(handle, null, null, ref length));
        if (status == ScardError.NoReadersAvailable)
        {
            return ScardError.Success;
        }

        if (status != ScardError.Success)
        {
            return status;
        }

        var buffer = new byte[(int)length];
        fixed (byte* p = buffer)
        {
            status = ScardError.FromLong(PcscLite.SCardListReaders(handle, null, p, ref length));
        }

        if (status == ScardError.NoReadersAvailable)
        {
            return ScardError.Success;
        }

        if (status == ScardError.Success)
        {
            readers = ParseMultiString(buffer.AsSpan(0, (int)length));
        }

        return status;
    }

    /// <summary>Blocks until a state in <paramref name="states"/> differs from its current state, or the timeout.</summary>
    public uint GetStatusChange(ReaderStateSet states, uint timeoutMilliseconds) =>
        ScardError.FromLong(PcscLite.SCardGetStatusChange(Handle, timeoutMilliseconds, states.Pointer, (nuint)states.Count));

    /// <summary>Wakes a pending <see cref="GetStatusChange"/> with SCARD_E_CANCELLED. Never throws.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_handle != 0)
            {
                _ = PcscLite.SCardCancel(_handle);
            }
        }
    }

    /// <summary>Connects shared, T=0 or T=1 (what PC/SC Part 3 readers offer for contactless cards).</summary>
    public uint Connect(string readerName, out PcscCardConnection? connection)
    {
        var status = ScardError.FromLong(PcscLite.SCardConnect(
            Handle, readerName, Scard.ShareShared, Scard.ProtocolT0 | Scard.ProtocolT1, out var card, out var protocol));
        connection = status == ScardError.Success ? new PcscCardConnection(card, (uint)protocol) : null;
        return status;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle != 0)
            {
                _ = PcscLite.SCardReleaseContext(_handle);
                _handle = 0;
            }
        }
    }

    /// <summary>A PC/SC multi-string: zero-terminated names, ended by an empty one.</summary>
    internal static IReadOnlyList<string> ParseMultiString(ReadOnlySpan<byte> multiString)
    {
        var names = new List<string>();
        while (!multiString.IsEmpty)
        {
            var end = multiString.IndexOf((byte)0);
            if (end <= 0)
            {
                break;
            }

            names.Add(Encoding.UTF8.GetString(multiString[..end]));
            multiString = multiString[(end + 1)..];
        }

        return names;
    }
}
