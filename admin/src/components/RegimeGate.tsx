import { useTranslate } from '@refinedev/core';
import { Button, Flex, Result } from 'antd';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import type { Resource } from '../../../policies/types.ts';
import { FullPageSpin } from './FullPageSpin.tsx';
import { appliesTo, onlyRegime } from './regimes.ts';
import { useSchoolRegimes } from './useSchoolRegimes.ts';

/**
 * The page of a screen of one regime (RESOURCE_REGIMES), opened by someone whose every school is under
 * the other: a sentence saying it does not apply, with links to the screens that do, instead of its
 * columns. Test id `regime-notice` (data-regime: the screen's regime).
 */
export function RegimeNotice({ resource }: { resource: Resource }) {
  const t = useTranslate();
  const regime = onlyRegime(resource);
  const screen = t(`menu.${resource}`);
  // antd's Result does not pass data-* attributes on: the test ids are on a wrapper.
  return (
    <div data-testid="regime-notice" data-regime={regime ?? ''}>
      <Result
        status="info"
        title={screen}
        subTitle={
          regime === 'tt22' ? `${t('regimes.tt22_only', { screen })} ${t('regimes.tt27_hint')}` : t('regimes.tt27_only', { screen })
        }
        extra={
          regime === 'tt22' && (
            <Flex gap="small" justify="center" wrap>
              <Link to="/quality_ratings">
                <Button type="primary">{t('regimes.open_qualities')}</Button>
              </Link>
              <Link to="/student_results">
                <Button>{t('regimes.open_summary')}</Button>
              </Link>
            </Flex>
          )
        }
      />
    </div>
  );
}

/** `Page`, or the notice when the screen does not apply to the user's schools (a spinner while they are read). */
export function withRegime(resource: Resource, Page: ComponentType): ComponentType {
  function RegimeGated() {
    const regimes = useSchoolRegimes();
    if (!regimes) return <FullPageSpin />;
    return appliesTo(resource, regimes) ? <Page /> : <RegimeNotice resource={resource} />;
  }
  return RegimeGated;
}
