using KioskAgent.Taps;

namespace KioskAgent.Statements;

public static class StatementsServiceCollectionExtensions
{
    public static IServiceCollection AddStatements(this IServiceCollection services)
    {
        services.AddSingleton<StatementPrinting>();
        services.AddSingleton<IMemberViewContributor, StatementMemberViewContributor>();
        return services;
    }
}
