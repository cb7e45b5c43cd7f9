namespace KioskAgent.Hardware.Card.Ultralight;

/// <summary>
/// The data area of a Type 2 Tag (from page 4), read 16 bytes at a time only as far as the TLV
/// parser needs, and never past the size the capability container declares.
/// </summary>
internal sealed class Type2DataArea(Func<int, CardReadResult<byte[]>> readPages, int size)
{
    private const int FirstDataPage = 4;
    private const int BytesPerRead = 16;

    private readonly List<byte> _read = [];

    /// <summary>The read failure that stopped the parser, if any.</summary>
    public CardReadResult<byte[]>? Failure { get; private set; }

    public int Size => size;

    /// <summary>Bytes [offset, offset+count); false when past the data area or a read failed.</summary>
    public bool TryGet(int offset, int count, out byte[] bytes)
    {
        bytes = [];
        if (offset < 0 || count < 0 || offset + count > size || !EnsureRead(offset + count))
        {
            return false;
        }

        bytes = _read.GetRange(offset, count).ToArray();
        return true;
    }

    public bool TryGetByte(int offset, out byte value)
    {
        var ok = TryGet(offset, 1, out var bytes);
        value = ok ? bytes[0] : (byte)0;
        return ok;
    }

    private bool EnsureRead(int length)
    {
        while (_read.Count < length)
        {
            var chunk = readPages(FirstDataPage + (_read.Count / 4));
            if (!chunk.IsSuccess)
            {
                Failure = chunk;
                return false;
            }

            _read.AddRange(chunk.Value.Take(BytesPerRead));
        }

        return true;
    }
}
