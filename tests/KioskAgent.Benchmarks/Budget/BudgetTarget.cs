using System.Globalization;
using System.Text.Json.Serialization;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>
/// What a measurement must stay within: an absolute bound (≤ or ≥ a value) or a bound relative to
/// the baseline measured in the same run (≤ or ≥ a factor of it). <see cref="Kind.Report"/> has no
/// bound: the number is shown for the record.
/// </summary>
public sealed record BudgetTarget(BudgetTarget.Kind Bound, double Value)
{
    [JsonConverter(typeof(JsonStringEnumConverter<Kind>))]
    public enum Kind
    {
        Report,
        AtMost,
        AtLeast,
        AtMostTimesBaseline,
        AtLeastTimesBaseline,
    }

    public static BudgetTarget None { get; } = new(Kind.Report, 0);

    public static BudgetTarget AtMost(double value) => new(Kind.AtMost, value);

    public static BudgetTarget AtLeast(double value) => new(Kind.AtLeast, value);

    public static BudgetTarget AtMostTimesBaseline(double factor) => new(Kind.AtMostTimesBaseline, factor);

    public static BudgetTarget AtLeastTimesBaseline(double factor) => new(Kind.AtLeastTimesBaseline, factor);

    [JsonIgnore]
    public bool NeedsBaseline => Bound is Kind.AtMostTimesBaseline or Kind.AtLeastTimesBaseline;

    /// <summary>
    /// Met, missed, or null when it cannot be judged (no bound, no measurement, or no baseline for a
    /// relative bound). Judged on the medians.
    /// </summary>
    public bool? Judge(Stat measured, Stat? baseline)
    {
        if (Bound == Kind.Report || measured.Count == 0)
        {
            return null;
        }

        var m = measured.Median;
        if (NeedsBaseline && (baseline is null || baseline.Count == 0 || baseline.Median <= 0))
        {
            return null;
        }

        return Bound switch
        {
            Kind.AtMost => m <= Value,
            Kind.AtLeast => m >= Value,
            Kind.AtMostTimesBaseline => m <= Value * baseline!.Median,
            Kind.AtLeastTimesBaseline => m >= Value * baseline!.Median,
            _ => null,
        };
    }

    public string Describe(string unit)
    {
        var v = Value.ToString("0.##", CultureInfo.InvariantCulture);
        var u = unit.Length == 0 || unit == "%" ? unit : $" {unit}";
        return Bound switch
        {
            Kind.AtMost => $"≤ {v}{u}",
            Kind.AtLeast => $"≥ {v}{u}",
            Kind.AtMostTimesBaseline => $"≤ {v}× baseline",
            Kind.AtLeastTimesBaseline => $"≥ {v}× baseline",
            _ => "(recorded)",
        };
    }
}
