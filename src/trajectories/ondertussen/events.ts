/** The ondertussen-groep (Wi2013 asielstatushouders): advice and referral only (Wi 2021 art. 54 lid 5). */
export interface OndertussenEventData {
  InburgeraarGeregistreerd: {
    soort: 'ondertussen';
    doelgroep: 'asielstatushouder';
    persoon: { naam: string; geboortedatum: string; geslacht: 'man' | 'vrouw' | 'x'; bsn?: string };
    datum: string;
    consulent?: string;
    datumInschrijvingBrp?: string;
    datumMeldingDuo?: string;
  };
  AdviesgesprekGevoerd: { datum: string; advies: string };
  DoorverwezenNaarPartner: { datum: string; partner: string; toelichting?: string };
  BegeleidingAfgesloten: { datum: string; reden: string };
}

export type OndertussenEventType = keyof OndertussenEventData;
export type OndertussenMachineEvent = {
  [K in OndertussenEventType]: { type: K; data: OndertussenEventData[K]; datum: string };
}[OndertussenEventType];
