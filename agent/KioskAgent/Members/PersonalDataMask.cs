using System.Globalization;
using System.Text;

namespace KioskAgent.Members;

/// <summary>How personal data appears on a screen or a receipt: enough to recognise, not enough to read.</summary>
public static class PersonalDataMask
{
    /// <summary>
    /// 张三 → 张*, 王小明 → 王*明, 欧阳娜娜 → 欧**娜; Latin names keep the first letter of each word
    /// (Alice Smith → A**** S****). Counts text elements, so surrogate pairs and combining marks stay whole.
    /// </summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var words = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            return string.Join(' ', words.Select(MaskWordKeepFirst));
        }

        var elements = TextElements(words[0]);
        return elements.Count switch
        {
            1 => "*",
            2 => elements[0] + "*",
            _ when IsLatin(words[0]) => MaskWordKeepFirst(words[0]),
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }

    /// <summary>13812345678 → 138****5678; shorter numbers keep only their last two digits.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        var digits = phone.Trim();
        if (digits.Length >= 11)
        {
            return string.Concat(digits.AsSpan(0, 3), new string('*', digits.Length - 7), digits.AsSpan(digits.Length - 4));
        }

        return digits.Length <= 2 ? new string('*', digits.Length) : string.Concat(new string('*', digits.Length - 2), digits.AsSpan(digits.Length - 2));
    }

    private static string MaskWordKeepFirst(string word)
    {
        var elements = TextElements(word);
        var builder = new StringBuilder(elements[0]);
        builder.Append('*', elements.Count - 1);
        return builder.ToString();
    }

    private static bool IsLatin(string word) => word.All(c => c < 0x0250);

    private static List<string> TextElements(string text)
    {
        var list = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            list.Add(enumerator.GetTextElement());
        }

        return list;
    }
}
