namespace Meedenker.Web.Features.Account;

public sealed record CodeField(string Name, string Label, string Hint, string? Error, string InputMode = "numeric");
