namespace KioskAgent.Journal;

public static class JournalServiceCollectionExtensions
{
    public static IServiceCollection AddJournal(this IServiceCollection services)
    {
        services.AddSingleton<TransactionJournal>();
        return services;
    }
}
