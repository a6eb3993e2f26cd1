namespace Meedenker.Web.Features.OwnRecord;

/// <summary>The record for the _OwnRecordBody partial; with a token the consents get a withdraw button (the page), without it not (the download).</summary>
public sealed record OwnRecordBody(OwnRecordView Record, string? Token);
