using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A Linux event node opened non-blocking, optionally grabbed (EVIOCGRAB), read with poll() so
/// that disposing it from another thread ends a pending Read within <see cref="PollTimeoutMilliseconds"/>
/// (Read then returns 0). A read error such as ENODEV (the device was unplugged) throws <see cref="IOException"/>.
/// </summary>
internal sealed class EvdevStream : Stream
{
    private const int PollTimeoutMilliseconds = 200;

    private readonly Lock _gate = new();
    private int _fd;
    private bool _reading;
    private bool _disposeRequested;

    private EvdevStream(int fd) => _fd = fd;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static EvdevStream Open(string path, bool grab)
    {
        var fd = EvdevNative.Open(path, EvdevNative.ORdOnly | EvdevNative.ONonBlock | EvdevNative.OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"Cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}";
            throw errno == EvdevNative.ENoEnt ? new FileNotFoundException(message, path) : new IOException(message, errno);
        }

        // Monotonic timestamps keep the inter-key timeout immune to wall-clock steps (best effort).
        _ = EvdevNative.IoctlInt(fd, EvdevNative.EvIocSClockId, EvdevNative.ClockMonotonic);
        if (grab && EvdevNative.IoctlInt(fd, EvdevNative.EvIocGrab, 1) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = EvdevNative.Close(fd);
            throw new IOException($"Cannot grab {path} (EVIOCGRAB): {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        return new EvdevStream(fd);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_disposeRequested)
                {
                    return 0;
                }

                _reading = true;
            }

            try
            {
                if (TryRead(buffer, out var count))
                {
                    return count;
                }
            }
            finally
            {
                EndRead();
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposeRequested = true;
            if (!_reading)
            {
                CloseDescriptor();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>One read(); when nothing is there, waits in poll() and returns false to loop.</summary>
    private unsafe bool TryRead(Span<byte> buffer, out int count)
    {
        fixed (byte* pointer = buffer)
        {
            count = (int)EvdevNative.Read(_fd, pointer, (nuint)buffer.Length);
        }

        if (count >= 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (EvdevNative.EAgain or EvdevNative.EIntr))
        {
            throw new IOException($"Reading the input device failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        var poll = new EvdevNative.PollFd { Fd = _fd, Events = EvdevNative.PollIn };
        _ = EvdevNative.Poll(&poll, 1, PollTimeoutMilliseconds);
        return false;
    }

    private void EndRead()
    {
        lock (_gate)
        {
            _reading = false;
            if (_disposeRequested)
            {
                CloseDescriptor();
            }
        }
    }

    private void CloseDescriptor()
    {
        if (_fd >= 0)
        {
            _ = EvdevNative.Close(_fd);
            _fd = -1;
        }
    }
}
