using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>
/// Puts an <see cref="IVirtualCard"/> on a vpcd reader of the real pcscd. vpcd (vsmartcard) listens;
/// the card side is a TCP client: connecting inserts the card, closing removes it. Every message is a
/// 2-byte big-endian length and a payload; a 1-byte payload is a control code (0 power off, 1 power
/// on, 2 reset, 4 "send your ATR"), a longer one a command APDU answered with the response APDU
/// (vsmartcard's vpcd.h and vicc.py). Timestamps are <see cref="Stopwatch.GetTimestamp"/> (CLOCK_MONOTONIC on Linux).
/// </summary>
public sealed class VpcdCard : IAsyncDisposable
{
    /// <summary>"Virtual PCD 00 00": vpcd's default port 0x8C7B (/etc/reader.conf.d/vpcd).</summary>
    public const int Reader0Port = 35963;

    /// <summary>"Virtual PCD 00 01": the second vpcd slot listens on the next port.</summary>
    public const int Reader1Port = 35964;

    /// <summary>vpcd accepts a card only when its reader is empty (it checks every ~400 ms); a SYN beyond its queue waits for retransmission.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private const byte PowerOff = 0, PowerOn = 1, Reset = 2, GetAtr = 4;

    // Linux <netinet/tcp.h>: TCP_QUICKACK, which the kernel clears again after it is used.
    private const int TcpQuickAck = 12;

    private readonly IVirtualCard _card;
    private readonly Socket _socket;
    private readonly Task _loop;
    private readonly List<byte[]> _commands = [];
    private long _poweredAtrAt;
    private long _firstCommandAt;
    private int _closed;

    private VpcdCard(IVirtualCard card, Socket socket, long connectedAt)
    {
        _card = card;
        _socket = socket;
        ConnectedAt = connectedAt;
        _loop = Task.Factory.StartNew(Serve, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>When the TCP connection to vpcd was established (the card "touched" the reader).</summary>
    public long ConnectedAt { get; }

    /// <summary>When this card started answering pcscd's first ATR request after a power-on; 0 until then.</summary>
    public long PoweredAtrAt => Interlocked.Read(ref _poweredAtrAt);

    /// <summary>When the first command APDU arrived; 0 until then.</summary>
    public long FirstCommandAt => Interlocked.Read(ref _firstCommandAt);

    /// <summary>Completes when the connection ends, by <see cref="RemoveAsync"/> or from pcscd's side.</summary>
    public Task Closed => _loop;

    /// <summary>Command APDUs received so far, in order.</summary>
    public IReadOnlyList<byte[]> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Inserts <paramref name="card"/> into the vpcd reader listening on <paramref name="port"/>.</summary>
    public static async Task<VpcdCard> InsertAsync(IVirtualCard card, int port = Reader0Port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            var connectedAt = Stopwatch.GetTimestamp();
            ArmQuickAck(socket);
            return new VpcdCard(card, socket, connectedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException(
                $"vpcd on port {port} did not take the card within {ConnectTimeout.TotalSeconds} s: it holds one card at a time, " +
                "so another card may still be on that reader (or pcscd is not running).");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Takes the card away: closes the connection and waits for the serving loop to end.</summary>
    public async Task RemoveAsync()
    {
        Close();
        await _loop;
    }

    public async ValueTask DisposeAsync() => await RemoveAsync();

    private void Serve()
    {
        var header = new byte[2];
        var poweredOn = false;
        try
        {
            while (ReceiveExactly(header))
            {
                var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
                if (!ReceiveExactly(payload))
                {
                    return;
                }

                if (payload.Length == 1)
                {
                    poweredOn = OnControl(payload[0], poweredOn);
                }
                else if (!OnCommand(payload))
                {
                    return;
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Returns whether the card is now powered (a power-on is pending an ATR request).</summary>
    private bool OnControl(byte code, bool poweredOn)
    {
        switch (code)
        {
            case GetAtr:
                if (poweredOn)
                {
                    // Stamped before sending: pcscd may wake its clients before this thread runs again.
                    Interlocked.CompareExchange(ref _poweredAtrAt, Stopwatch.GetTimestamp(), 0);
                }

                Send(_card.Atr);
                return poweredOn;
            case PowerOn or Reset:
                return true;
            case PowerOff:
                return false;
            default:
                return poweredOn;
        }
    }

    /// <summary>Answers one command APDU; false when the card "left" in the middle of it.</summary>
    private bool OnCommand(byte[] command)
    {
        Interlocked.CompareExchange(ref _firstCommandAt, Stopwatch.GetTimestamp(), 0);
        lock (_commands)
        {
            _commands.Add(command);
        }

        byte[] response;
        try
        {
            response = _card.Process(command);
        }
        catch (VirtualCardPulledException)
        {
            return false;
        }

        Send(response);
        return true;
    }

    private void Send(byte[] payload)
    {
        var message = new byte[2 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)payload.Length);
        payload.CopyTo(message, 2);
        _socket.Send(message);
    }

    private bool ReceiveExactly(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
            ArmQuickAck(_socket);
        }

        return true;
    }

    /// <summary>
    /// vpcd writes the length and the payload in two small segments; with delayed ACKs on our side,
    /// Nagle holds its second segment ~40 ms. Quick ACKs (re-armed after every receive) avoid that.
    /// </summary>
    private static void ArmQuickAck(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpQuickAck, BitConverter.GetBytes(1));
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Close();
    }
}
