import { describe, expect, it } from 'vitest';
import {
  TRANSCRIPT_RETENTION_ENV,
  transcriptExpiry,
  transcriptRetentionDays,
} from '../../../../shared/store/transcript-retention.ts';

const AT = new Date('2026-11-26T10:00:00Z');

describe('transcript retention', () => {
  it('stamps expiresAt that many days after the write', () => {
    expect(transcriptExpiry(AT, { [TRANSCRIPT_RETENTION_ENV]: '30' })).toEqual({
      expiresAt: Date.parse('2026-12-26T10:00:00Z') / 1000,
    });
  });

  it('stamps nothing when no retention is configured', () => {
    expect(transcriptExpiry(AT, {})).toEqual({});
    expect(transcriptRetentionDays({ [TRANSCRIPT_RETENTION_ENV]: '' })).toBeUndefined();
  });

  it.each(['0', '-3', '1.5', 'ninety'])('refuses %s days', (value) => {
    expect(() => transcriptRetentionDays({ [TRANSCRIPT_RETENTION_ENV]: value })).toThrow(
      TRANSCRIPT_RETENTION_ENV,
    );
  });
});
