import { Api } from 'telegram';
import { unixSeconds } from '../clock.ts';
import type { SandboxTopology } from '../world/topology.ts';
import type { RpcRouter } from './router.ts';

/** The countries help.getCountriesList offers: enough for phone input and its formatting in the app. */
const COUNTRIES: readonly { iso2: string; name: string; code: string; patterns: string[] }[] = [
  { iso2: 'US', name: 'United States', code: '1', patterns: ['XXX XXX XXXX'] },
  { iso2: 'GB', name: 'United Kingdom', code: '44', patterns: ['XXXX XXXXXX'] },
  { iso2: 'DE', name: 'Germany', code: '49', patterns: ['XXX XXXXXXXX'] },
  { iso2: 'IN', name: 'India', code: '91', patterns: ['XXXXX XXXXX'] },
  { iso2: 'BR', name: 'Brazil', code: '55', patterns: ['XX XXXXX XXXX'] },
  { iso2: 'FT', name: 'Anonymous Numbers', code: '888', patterns: ['XXXX XXXX'] },
  { iso2: 'YL', name: 'Test numbers', code: '999', patterns: ['XX X XXXX'] },
];

export function registerHelpMethods(router: RpcRouter, topology: SandboxTopology): void {
  router
    .on(Api.help.GetConfig, (_request, call) => {
      const now = unixSeconds(topology.clock);
      return new Api.Config({
        date: now,
        expires: now + 3600,
        testMode: false,
        thisDc: call.dcId,
        // Like Telegram's, the list has an IPv4, an IPv6 and a media-only address per DC; clients pick the
        // first plain IPv4 one (GramJS ignores the port: its connection class supplies the sandbox port).
        dcOptions: topology.dcIds.flatMap((id) => {
          const port = topology.portFor(id);
          return [
            new Api.DcOption({ id, ipAddress: '127.0.0.1', port }),
            new Api.DcOption({ id, ipAddress: '::1', port, ipv6: true }),
            new Api.DcOption({ id, ipAddress: '127.0.0.1', port, mediaOnly: true }),
          ];
        }),
        dcTxtDomainName: 'sandbox.invalid',
        chatSizeMax: 200,
        megagroupSizeMax: 200000,
        forwardedCountMax: 100,
        onlineUpdatePeriodMs: 210000,
        offlineBlurTimeoutMs: 5000,
        offlineIdleTimeoutMs: 30000,
        onlineCloudTimeoutMs: 300000,
        notifyCloudDelayMs: 30000,
        notifyDefaultDelayMs: 1500,
        pushChatPeriodMs: 60000,
        pushChatLimit: 2,
        editTimeLimit: 172800,
        revokeTimeLimit: 2147483647,
        revokePmTimeLimit: 2147483647,
        ratingEDecay: 2419200,
        stickersRecentLimit: 200,
        channelsReadMediaPeriod: 604800,
        callReceiveTimeoutMs: 20000,
        callRingTimeoutMs: 90000,
        callConnectTimeoutMs: 30000,
        callPacketTimeoutMs: 10000,
        meUrlPrefix: 'https://t.me/',
        captionLengthMax: 1024,
        messageLengthMax: 4096,
        webfileDcId: topology.dcIds[0] ?? call.dcId,
        gifSearchUsername: 'gif',
        venueSearchUsername: 'foursquare',
        imgSearchUsername: 'bing',
        autoupdateUrlPrefix: 'https://t.me/sandbox_updates?start=',
        suggestedLangCode: 'en',
        langPackVersion: 1,
        baseLangPackVersion: 1,
        reactionsDefault: new Api.ReactionEmoji({ emoticon: '👍' }),
      }).getBytes();
    })
    .on(Api.help.GetNearestDc, (_request, call) =>
      new Api.NearestDc({ country: 'US', thisDc: call.dcId, nearestDc: call.dcId }).getBytes(),
    )
    .on(Api.help.GetCountriesList, (request) => {
      const countries = COUNTRIES.map(
        (c) =>
          new Api.help.Country({
            iso2: c.iso2,
            defaultName: c.name,
            countryCodes: [new Api.help.CountryCode({ countryCode: c.code, patterns: c.patterns })],
          }),
      );
      // The list never changes, so its hash is fixed; a client that has it gets countriesListNotModified.
      const hash = 1;
      if (request.hash === hash) return new Api.help.CountriesListNotModified().getBytes();
      return new Api.help.CountriesList({ countries, hash }).getBytes();
    });
}
