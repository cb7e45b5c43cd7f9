using System.Buffers;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// One SCARDHANDLE (a connection to the card in a reader). Its calls run on the
/// <see cref="ExchangeThread"/> of its context; the lock keeps a disconnect from racing a transmit anyway.
/// </summary>
internal sealed unsafe class PcscCardConnection : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;

    public PcscCardConnection(nint handle, uint activeProtocol)
    {
        _handle = handle;
        ActiveProtocol = activeProtocol;
    }

    /// <summary>SCARD_PROTOCOL_T0 or SCARD_PROTOCOL_T1.</summary>
    public uint ActiveProtocol { get; }

    /// <summary>Read without the lock, which a transmit holds for as long as the card takes to answer.</summary>
    public bool IsClosed => Volatile.Read(ref _handle) == 0;

    /// <summary>SCardTransmit; on success <paramref name="response"/> holds data + SW1 SW2.</summary>
    public uint Transmit(ReadOnlySpan<byte> command, out byte[] response)
    {
        response = [];
        var buffer = ArrayPool<byte>.Shared.Rent(Scard.MaxResponseLength);
        try
        {
            lock (_gate)
            {
                if (_handle == 0)
                {
                    return ScardError.InvalidHandle;
                }

                // PC/SC Part 5 §3.1.3: the send PCI is the protocol header; pcsc-lite needs only dwProtocol and the length.
                var sendPci = new ScardIoRequest { Protocol = ActiveProtocol, PciLength = (nuint)sizeof(ScardIoRequest) };
                var length = (nuint)buffer.Length;
                uint status;
                fixed (byte* send = command)
                fixed (byte* receive = buffer)
                {
                    status = ScardError.FromLong(PcscLite.SCardTransmit(_handle, &sendPci, send, (nuint)command.Length, null, receive, ref length));
                }

                if (status == ScardError.Success)
                {
                    response = buffer.AsSpan(0, (int)length).ToArray();
                }

                return status;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SCardStatus: the ATR of the connected card.</summary>
    public uint Status(out byte[] atr)
    {
        atr = [];
        lock (_gate)
        {
            if (_handle == 0)
            {
                return ScardError.InvalidHandle;
            }

            var buffer = stackalloc byte[ScardReaderState.MaxAtrSize];
            nuint atrLength = ScardReaderState.MaxAtrSize;
            nuint nameLength = 0;
            var status = ScardError.FromLong(PcscLite.SCardStatus(_handle, null, ref nameLength, out _, out _, buffer, ref atrLength));
            if (status == ScardError.Success)
            {
                atr = new ReadOnlySpan<byte>(buffer, (int)Math.Min(atrLength, (nuint)ScardReaderState.MaxAtrSize)).ToArray();
            }

            return status;
        }
    }

    /// <summary>SCardDisconnect leaving the card as it is (it is usually gone already). Idempotent.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle != 0)
            {
                _ = PcscLite.SCardDisconnect(_handle, Scard.LeaveCard);
                Volatile.Write(ref _handle, 0);
            }
        }
    }
}
