import { loggableUrl } from './logging';

describe('loggableUrl', () => {
  it('drops the values of bsn and naam from a query, and nothing else', () => {
    expect(loggableUrl('/api/v1/trajecten?bsn=123456782&paginaGrootte=5')).toBe('/api/v1/trajecten?bsn=[weggelaten]&paginaGrootte=5');
    expect(loggableUrl('/api/v1/trajecten?paginaGrootte=5&naam=Noor%20Jansen')).toBe('/api/v1/trajecten?paginaGrootte=5&naam=[weggelaten]');
    expect(loggableUrl('/api/v1/trajecten/abc?BSN=1')).toBe('/api/v1/trajecten/abc?BSN=[weggelaten]');
    expect(loggableUrl('/api/v1/trajecten?soort=naamswijziging')).toBe('/api/v1/trajecten?soort=naamswijziging');
  });
});
