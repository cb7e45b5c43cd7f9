namespace KioskAgent.Hardware.Card.Ndef;

/// <summary>Splits an NDEF message into records (NFC Forum NDEF 1.0 §3.2). Never throws on card data.</summary>
public static class NdefMessageParser
{
    // NDEF §3.2.1 record header flags.
    private const byte MessageBegin = 0x80;
    private const byte MessageEnd = 0x40;
    private const byte Chunked = 0x20;
    private const byte ShortRecord = 0x10;
    private const byte IdLengthPresent = 0x08;
    private const byte TnfMask = 0x07;

    /// <summary>
    /// Parses <paramref name="message"/>; false when it is empty, truncated, has trailing bytes,
    /// lacks the MB/ME flags, or uses chunked records (not used by tags, not supported).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out IReadOnlyList<NdefRecord> records)
    {
        var list = new List<NdefRecord>();
        records = list;
        var offset = 0;
        while (offset < message.Length)
        {
            var header = message[offset];
            var first = list.Count == 0;
            if (((header & MessageBegin) != 0) != first || (header & Chunked) != 0)
            {
                return false;
            }

            if (!TryParseRecord(message, ref offset, out var record))
            {
                return false;
            }

            list.Add(record);
            if ((header & MessageEnd) != 0)
            {
                return offset == message.Length;
            }
        }

        return false;
    }

    private static bool TryParseRecord(ReadOnlySpan<byte> message, ref int offset, out NdefRecord record)
    {
        record = null!;
        var reader = new SpanReader(message, offset);
        var header = reader.ReadByte();
        var typeLength = reader.ReadByte();
        var payloadLength = (header & ShortRecord) != 0 ? reader.ReadByte() : reader.ReadUInt32BigEndian();
        var idLength = (header & IdLengthPresent) != 0 ? reader.ReadByte() : 0;
        var type = reader.ReadBytes(typeLength);
        var id = reader.ReadBytes(idLength);
        var payload = reader.ReadBytes(payloadLength);
        if (reader.Failed)
        {
            return false;
        }

        record = new NdefRecord((byte)(header & TnfMask), type, id, payload);
        offset = reader.Position;
        return true;
    }

    /// <summary>A forward reader that latches a failure instead of throwing on a short buffer.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> buffer, int position)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;

        public int Position { get; private set; } = position;

        public bool Failed { get; private set; }

        public int ReadByte() => Failed || Position >= _buffer.Length ? Fail() : _buffer[Position++];

        public long ReadUInt32BigEndian()
        {
            long value = 0;
            for (var i = 0; i < 4; i++)
            {
                value = (value << 8) | (uint)ReadByte();
            }

            return value;
        }

        public byte[] ReadBytes(long count)
        {
            if (Failed || count > _buffer.Length - Position)
            {
                Fail();
                return [];
            }

            var bytes = _buffer.Slice(Position, (int)count).ToArray();
            Position += (int)count;
            return bytes;
        }

        private int Fail()
        {
            Failed = true;
            return 0;
        }
    }
}
