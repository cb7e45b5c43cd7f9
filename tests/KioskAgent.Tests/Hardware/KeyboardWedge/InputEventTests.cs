using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

[Trait("Category", TestCategories.Unit)]
public sealed class InputEventTests
{
    [Theory]
    [InlineData(24)]
    [InlineData(16)]
    public void Decode_RecordOfEitherLayout_ReadsTimeTypeCodeValue(int size)
    {
        var bytes = new RecordedInputEvents(size).Event(1, 28, 1).ToArray();

        var decoded = InputEvent.Decode(bytes);

        Assert.Equal(size, bytes.Length);
        Assert.Equal(new InputEvent(TimeSpan.FromSeconds(5000), 1, 28, 1), decoded);
        Assert.True(decoded.IsKeyPress);
    }

    [Fact]
    public void NativeSize_ThisProcess_FollowsTheWordSize()
    {
        Assert.Equal(IntPtr.Size == 8 ? 24 : 16, InputEvent.NativeSize);
    }

    [Fact]
    public void Decode_WrongRecordSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => InputEvent.Decode(new byte[20]));
    }
}
