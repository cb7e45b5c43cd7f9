using System.Text;
using KioskAgent.Members.Import;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ImportTextDecoderTests
{
    private static readonly Encoding Gb18030 = GetGb18030();

    [Fact]
    public void Utf8_WithOrWithoutBom_DecodesTheSame()
    {
        var problems = new MemberFileProblems();
        var plain = Encoding.UTF8.GetBytes("会员号\n1");

        Assert.Equal("会员号\n1", ImportTextDecoder.Decode(plain, null, problems));
        Assert.Equal("会员号\n1", ImportTextDecoder.Decode([0xEF, 0xBB, 0xBF, .. plain], "UTF-8", problems));
        Assert.Equal(0, problems.Count);
    }

    [Fact]
    public void Gb18030Bytes_ReadAsUtf8_AreReportedWithTheirLineAndAHint()
    {
        var problems = new MemberFileProblems();
        var bytes = Gb18030.GetBytes("member_number,name\n1,张三\n");

        Assert.Null(ImportTextDecoder.Decode(bytes, "utf-8", problems));
        var problem = Assert.Single(problems.Items);
        Assert.Equal(2, problem.Line);
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
        Assert.Contains("gb18030", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gb18030_WhenAskedFor_Decodes()
    {
        var problems = new MemberFileProblems();

        Assert.Equal("1,张三,挂失", ImportTextDecoder.Decode(Gb18030.GetBytes("1,张三,挂失"), "GB18030", problems));
        Assert.Equal(0, problems.Count);
    }

    [Fact]
    public void Utf16_IsRefusedWithWhatToDoInstead()
    {
        var problems = new MemberFileProblems();

        Assert.Null(ImportTextDecoder.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a,b")], null, problems));
        Assert.Contains("the file is UTF-16", Assert.Single(problems.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownEncoding_IsRefused()
    {
        var problems = new MemberFileProblems();

        Assert.Null(ImportTextDecoder.Decode("a"u8, "latin-1", problems));
        Assert.Equal("encoding", Assert.Single(problems.Items).Field);
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
